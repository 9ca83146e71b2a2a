/// Uploaded documents on disk. (Filled in by the documents work.)
public enum DocumentsModule {}
