package dev.idxmig.script;

/** The guard a statement carries: {@code CREATE ... IF NOT EXISTS}, {@code DROP ... IF EXISTS}, or none. */
public enum Guard {
    NONE, IF_EXISTS, IF_NOT_EXISTS
}
