package dev.idxmig.adopt;

/**
 * What {@code baseline} records: the version the existing schema stands for (migrations above it stay pending) and
 * the description of the baseline row.
 */
public record BaselineRequest(String version, String description) {
}
