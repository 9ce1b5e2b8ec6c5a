package dev.idxmig.db;

import dev.idxmig.base.Problem;

import java.util.List;
import java.util.Optional;

/**
 * One data-integrity check run by the database.
 *
 * @param ran      false when the check could not run (say why in {@code notice}; never a silent pass)
 * @param problems what the check found, in the database's words, with the object first when known
 */
public record IntegrityCheck(String name, boolean ran, List<Problem> problems, Optional<String> notice) {

    public record Problem(String object, String message) {
    }

    public IntegrityCheck {
        problems = List.copyOf(problems);
    }
}
