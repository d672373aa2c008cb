public enum KeyMaterialPlaceholder {}
