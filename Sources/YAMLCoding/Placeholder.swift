public enum YAMLCodingPlaceholder {}
