package dev.idxmig.db;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a constraint's text says beyond its index, and when two definitions are the same without a database. */
@Tag("unit")
class IndexConstraintTest {
    private static final Dialect PG = Dialects.forUrl("jdbc:postgresql://127.0.0.1:5432/x");

    @Test
    void theDeferralIsTheEndOfTheDefinition() {
        assertEquals(" DEFERRABLE INITIALLY DEFERRED",
                IndexConstraint.of("k", "PRIMARY KEY (id) DEFERRABLE INITIALLY DEFERRED").deferral());
        assertEquals(" DEFERRABLE", IndexConstraint.of("k", "UNIQUE NULLS NOT DISTINCT (code) INCLUDE (note) "
                + "DEFERRABLE").deferral());
        assertEquals("", IndexConstraint.of("k", "UNIQUE (code) INCLUDE (note)").deferral());
        assertEquals("", IndexConstraint.of("k", "PRIMARY KEY (id)").deferral());
    }

    @Test
    void aConstraintAddedOverItsIndexKeepsItsDeferral() {
        assertEquals("ALTER TABLE \"public\".\"t\" ADD CONSTRAINT \"t_pkey\" PRIMARY KEY USING INDEX \"t_pkey\" "
                        + "DEFERRABLE INITIALLY DEFERRED",
                PG.addConstraint("public", "t", IndexConstraint.of("t_pkey",
                        "PRIMARY KEY (id) DEFERRABLE INITIALLY DEFERRED"), true));
        assertEquals("ALTER TABLE \"public\".\"t\" ADD CONSTRAINT \"t_code_key\" UNIQUE USING INDEX \"t_code_key\"",
                PG.addConstraint("public", "t", IndexConstraint.of("t_code_key", "UNIQUE (code)"), true));
        assertEquals("ALTER TABLE \"public\".\"t\" ADD CONSTRAINT \"t_x\" EXCLUDE USING gist (r WITH &&) DEFERRABLE",
                PG.addConstraint("public", "t", IndexConstraint.of("t_x", "EXCLUDE USING gist (r WITH &&) DEFERRABLE"),
                        false));
    }

    private static DefinedIndex index(String definition, Optional<String> constraint) {
        return new DefinedIndex("public", "t", "t_k", definition, constraint.map(d -> IndexConstraint.of("t_k", d)));
    }

    @Test
    void identicalTextIsTheSameIndexAndAnotherConstraintTextIsNot() {
        String def = "CREATE UNIQUE INDEX t_k ON public.t USING btree (id)";
        assertTrue(index(def, Optional.of("UNIQUE (id)")).sameText(index(def, Optional.of("UNIQUE (id)"))));
        assertFalse(index(def, Optional.of("UNIQUE (id)")).sameText(index(def, Optional.of("UNIQUE (id) DEFERRABLE"))));
        assertFalse(index(def, Optional.empty()).sameText(index(def, Optional.of("UNIQUE (id)"))));
        assertFalse(index(def, Optional.empty()).sameConstraintKind(index(def, Optional.of("UNIQUE (id)"))));
        assertTrue(index(def, Optional.of("UNIQUE (id)")).sameConstraintKind(index(def,
                Optional.of("UNIQUE (id) DEFERRABLE"))));
    }

    @Test
    void sqliteComparesDefinitionsAsText() throws Exception {
        Dialect sqlite = Dialects.forUrl("jdbc:sqlite:x.db");
        String def = "CREATE INDEX t_k ON t (a)";
        assertTrue(sqlite.sameIndex(null, index(def, Optional.empty()), index(def, Optional.empty())));
        assertFalse(sqlite.sameIndex(null, index(def, Optional.empty()),
                index("CREATE INDEX t_k ON t (a, b)", Optional.empty())));
    }
}
