package dev.idxmig.db;

import java.util.Optional;

/**
 * One index as a definition says it: the database's {@code CREATE INDEX} text, and the constraint it stands behind
 * (with the database's text of that constraint). Two of them are compared by {@link Dialect#sameIndex}: by what they
 * build, not by their characters.
 */
public record DefinedIndex(String schema, String table, String name, String definition,
                           Optional<IndexConstraint> constraint) {

    /** The live index's definition, as the catalog prints it. */
    public static DefinedIndex of(IndexInfo index) {
        return new DefinedIndex(index.schema(), index.table(), index.name(), index.definition(), index.constraint());
    }

    /** Whether the two are the same text, constraint and all: the same index without asking the database. */
    public boolean sameText(DefinedIndex other) {
        return definition.equals(other.definition) && constraintText().equals(other.constraintText());
    }

    /** Whether both stand behind the same kind of constraint (or both behind none): a difference no text can undo. */
    public boolean sameConstraintKind(DefinedIndex other) {
        return constraint.map(IndexConstraint::kind).equals(other.constraint.map(IndexConstraint::kind));
    }

    public Optional<String> constraintText() {
        return constraint.map(IndexConstraint::definition);
    }
}
