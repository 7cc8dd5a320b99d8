Console.WriteLine("llm: commands arrive with the models issue.");
