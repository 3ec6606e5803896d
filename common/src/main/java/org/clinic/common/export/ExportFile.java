package org.clinic.common.export;

/**
 * What one resource's export file holds: its lines, its bytes, their SHA-256 (hex) and the number of pieces
 * ({@link ExportFiles#CHUNK} bytes each, the last shorter) its bytes are stored in.
 */
public record ExportFile(String resource, long count, long bytes, String sha256, int chunks) {}
