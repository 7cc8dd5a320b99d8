namespace Llm.Notebooks.Kernel;

/// <summary>A string of HTML, displayed as text/html (what the kernel's HTML(...) returns).</summary>
public sealed class HtmlContent(string html)
{
    public string Html { get; } = html;

    public override string ToString() => Html;
}
