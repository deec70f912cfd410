public enum PromptGatePlaceholder {}
