using Llm.Data;

namespace Llm.Tests.Data;

public class CourseExamplesTests
{
    [Fact]
    public void LeafAndFlowerHaveTheArticlesNumbers()
    {
        var objects = CourseExamples.LeafAndFlower();
        Assert.Equal(2, objects.Length);
        Assert.Equal(new NamedObject("leaf", "叶子", 32, 107, 56, 11.2f), objects[0]);
        Assert.Equal(new NamedObject("flower", "花朵", 241, 200, 4, 59.5f), objects[1]);
        Assert.Equal(new[] { 32f, 107f, 56f, 11.2f }, objects[0].Features());
    }

    [Fact]
    public void BlueNeuronGivesMinus26Point6AndWithBiasMinus26Point35()
    {
        var leaf = CourseExamples.LeafAndFlower()[0].Features();
        var neuron = CourseExamples.BlueHiddenNeuron();
        var sum = leaf.Zip(neuron.Weights, (x, w) => (double)x * w).Sum();
        Assert.Equal(-26.6, sum, 2);
        Assert.Equal(-26.35, sum + neuron.Bias, 2);
    }

    [Fact]
    public void FertilizerHasTheTenPublishedPlots()
    {
        var data = CourseExamples.Fertilizer();
        Assert.Equal(new double[] { 2, 5, 8, 10, 12, 15, 18, 20, 22, 25 }, data.X);
        Assert.Equal(new double[] { 200, 212, 225, 238, 241, 257, 269, 275, 278, 285 }, data.Y);

        // Least squares reproduces the article's line Y = 3.85X + 195.27.
        var (mx, my) = (data.X.Average(), data.Y.Average());
        var slope = data.X.Zip(data.Y, (x, y) => (x - mx) * (y - my)).Sum() / data.X.Sum(x => (x - mx) * (x - mx));
        Assert.Equal(3.85, slope, 2);
        Assert.Equal(195.27, my - (slope * mx), 2);
    }

    [Fact]
    public void SevenSentencesGiveFanFourTimesOutOfSeven()
    {
        var sentences = CourseExamples.DinnerSentences();
        Assert.Equal(7, sentences.Length);
        const string prompt = "妈妈喊我回家吃";
        var next = sentences.Select(s => s[(s.IndexOf(prompt, StringComparison.Ordinal) + prompt.Length)..][0]).ToArray();
        Assert.Equal(4, next.Count(c => c == '饭'));
        Assert.Equal(57.1, Math.Round(100.0 * next.Count(c => c == '饭') / next.Length, 1));
        Assert.Equal(1, next.Count(c => c == '饊'));
        Assert.Equal(2, next.Count(c => c == '面'));
        Assert.Contains("放羊回来了，妈妈喊我回家吃饊。", sentences);
    }

    [Fact]
    public void ParrotRepliesFollowYEqualsXPlusOne()
    {
        var numbers = CourseExamples.ParrotNumbers();
        Assert.Equal(1, numbers["你好"]);
        Assert.Equal(2, numbers["早上好"]);
        var pairs = CourseExamples.Parrot();
        Assert.Equal(3, pairs.Length);
        Assert.Equal(new ParrotPair("你好", 1, "早上好", 2), pairs[0]);
        Assert.All(pairs, p => Assert.Equal(p.X + 1, p.Y));
    }

    [Fact]
    public void ExamScoresAreDeterministicAndPlausible()
    {
        var students = CourseExamples.ExamScores();
        Assert.Equal(2000, students.Length);
        Assert.Equal(students, ExamScores.Generate(2000, ExamScores.DefaultSeed));
        Assert.NotEqual(students, ExamScores.Generate(2000, seed: 7));
        Assert.All(students, s => Assert.All(s.Inputs(), x => Assert.InRange(x, 0f, 150f)));
        Assert.All(students, s => Assert.Equal(s.Admitted ? new[] { 1f, 0f } : new[] { 0f, 1f }, s.Targets()));

        var admittedShare = students.Count(s => s.Admitted) / 2000.0;
        Assert.InRange(admittedShare, 0.3, 0.5);

        // The rule favours strong students, but luck means it is not a hard threshold.
        var strong = students.Where(s => s.Inputs().Average() > 115).ToArray();
        var weak = students.Where(s => s.Inputs().Average() < 80).ToArray();
        Assert.True(strong.Count(s => s.Admitted) > 0.9 * strong.Length);
        Assert.True(weak.Count(s => s.Admitted) < 0.1 * weak.Length);
    }
}
