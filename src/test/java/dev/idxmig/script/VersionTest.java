package dev.idxmig.script;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class VersionTest {
    @Test
    void ordersNumericallyPartByPart() {
        List<Version> v = new ArrayList<>(List.of(Version.parse("10"), Version.parse("2.1"), Version.parse("2"),
                Version.parse("2_0_1"), Version.parse("1.10"), Version.parse("1.9")));
        v.sort(null);
        assertEquals("[1.9, 1.10, 2, 2.0.1, 2.1, 10]", v.toString());
    }

    @Test
    void trailingZerosDoNotMakeANewVersion() {
        assertEquals(Version.parse("1"), Version.parse("1.0"));
        assertTrue(Version.isVersion("1_2"));
        assertTrue(!Version.isVersion("1.x"));
    }
}
