public enum HTTPClientPlaceholder {}
