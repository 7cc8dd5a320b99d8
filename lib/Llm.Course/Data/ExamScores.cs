namespace Llm.Data;

/// <summary>
/// One student: mock-exam scores in maths, Chinese and English (each out of 150, as in China's
/// university entrance exam) and whether the student was admitted to an undergraduate programme.
/// </summary>
public sealed record ExamStudent(float Math, float Chinese, float English, bool Admitted)
{
    /// <summary>The network's three inputs.</summary>
    public float[] Inputs() => [Math, Chinese, English];

    /// <summary>The two target outputs: (1, 0) = admitted, (0, 1) = not admitted.</summary>
    public float[] Targets() => Admitted ? [1f, 0f] : [0f, 1f];
}

/// <summary>
/// A synthetic data set for the exam-score network (3 inputs, 2 outputs). Real records are private,
/// so the students are invented by a fixed rule with noise; the network has to discover the rule.
/// <para>The rule: each student has a hidden ability a ~ N(0, 1). Each subject's score is
/// 95 + 20·(0.8·a + 0.6·ε) with its own ε ~ N(0, 1), rounded and clamped to 0…150, so a strong
/// student tends to be strong in all three subjects. Admission uses a weighted total with maths
/// counting most, 0.4·maths + 0.3·Chinese + 0.3·English, plus exam-day luck N(0, 6²); a student is
/// admitted when that exceeds 100. About 40 % are admitted. Because of the luck, no model can be
/// right about every student.</para>
/// </summary>
public static class ExamScores
{
    /// <summary>The article's cohort size.</summary>
    public const int DefaultCount = 2000;

    /// <summary>Seed that gives the course's cohort.</summary>
    public const ulong DefaultSeed = 2000;

    private const float MeanScore = 95f;
    private const float ScoreSpread = 20f;
    private const float AbilityShare = 0.8f; // 0.8² + 0.6² = 1, so each score's spread stays 20
    private const float LuckShare = 0.6f;
    private const float AdmissionLine = 100f;
    private const float ExamDayLuck = 6f;

    /// <summary>Generates <paramref name="count"/> students; the same seed gives the same students.</summary>
    public static ExamStudent[] Generate(int count = DefaultCount, ulong seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var g = new Generator(seed);
        var students = new ExamStudent[count];
        for (var i = 0; i < count; i++)
        {
            var ability = g.NextNormal();
            var math = Score(ability, g);
            var chinese = Score(ability, g);
            var english = Score(ability, g);
            var weighted = (0.4f * math) + (0.3f * chinese) + (0.3f * english);
            var admitted = weighted + (ExamDayLuck * g.NextNormal()) > AdmissionLine;
            students[i] = new ExamStudent(math, chinese, english, admitted);
        }

        return students;
    }

    private static float Score(float ability, Generator g)
    {
        var raw = MeanScore + (ScoreSpread * ((AbilityShare * ability) + (LuckShare * g.NextNormal())));
        return Math.Clamp(MathF.Round(raw), 0f, 150f);
    }
}
