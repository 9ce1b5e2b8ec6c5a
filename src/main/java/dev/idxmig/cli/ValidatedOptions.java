package dev.idxmig.cli;

/**
 * An option mixin whose values are checked before the command connects anywhere: a value picocli can parse but
 * idxmig cannot use ({@code --parallel 0}) is a usage error, not a surprise after a backup or a migration.
 */
interface ValidatedOptions {
    /** Throws a usage {@link dev.idxmig.base.IdxmigException} for the first value that cannot be used. */
    void validate();
}
