package dev.idxmig.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@link MariaDbDatabase} parameter: the database is made on the MariaDB server with performance_schema ON
 * (127.0.0.1:3307, or {@code IDXMIG_TEST_MARIADB_PS_URL}), not on the usual one, where it is off
 * ({@link MariaDbExtension}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface PerformanceSchema {
}
