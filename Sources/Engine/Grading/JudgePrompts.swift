import Assertions

/// The default prompts the judge receives, one user message each, rendered with promptgate's
/// template engine. Documented in docs/graded-assertions.md; a `rubric_prompt:` replaces them.
///
/// Variables: `output` (the graded output), `rubric` (the assertion's `value`), `reference`
/// (the same, for `factuality`), `input` (the case's last user message) and `vars.NAME`
/// (the case's variables).
public enum JudgePrompts {
    /// `llm-rubric`: does the output satisfy the rubric?
    public static let rubric = """
        You are grading an AI assistant's output against a rubric.

        <output>
        {{ output }}
        </output>

        <rubric>
        {{ rubric }}
        </rubric>

        Decide whether the output satisfies the rubric. Reply with only a JSON object, no other text:
        {"reason": "<one sentence>", "pass": true or false, "score": <a number from 0.0 to 1.0>}
        """

    /// `factuality`: how does the output relate to the reference?
    public static let factuality = """
        You are comparing a submitted answer with an expert answer to a question.

        <question>
        {{ input }}
        </question>

        <expert>
        {{ reference }}
        </expert>

        <submission>
        {{ output }}
        </submission>

        Compare the factual content of the submission with the expert answer, ignoring style, \
        grammar and punctuation. Choose one category:
        - subset: the submission is a subset of the expert answer and fully consistent with it
        - superset: the submission is a superset of the expert answer and fully consistent with it
        - same: the submission contains all the same details as the expert answer
        - disagrees: the submission and the expert answer disagree
        - different-but-irrelevant: the answers differ, but not in ways that matter for factuality

        Reply with only a JSON object, no other text:
        {"category": "<one of the categories>", "reason": "<one sentence>"}
        """

    /// `answer-relevance`: how well does the output address the input?
    public static let answerRelevance = """
        You are rating how well an answer addresses a user's message.

        <message>
        {{ input }}
        </message>

        <answer>
        {{ output }}
        </answer>

        Rate from 0.0 (ignores or misreads the message) to 1.0 (directly and completely \
        addresses it); pass if the answer addresses what was asked. Reply with only a JSON \
        object, no other text:
        {"reason": "<one sentence>", "pass": true or false, "score": <a number from 0.0 to 1.0>}
        """

    /// The default prompt of a judged kind.
    public static func defaultPrompt(for kind: AssertionKind) -> String {
        switch kind {
        case .factuality: return factuality
        case .answerRelevance: return answerRelevance
        default: return rubric
        }
    }
}
