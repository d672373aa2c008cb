public enum NetworkPlaceholder {}
