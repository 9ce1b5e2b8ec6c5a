# idxmig in a container: the release archive on a small Java runtime made with jlink.
#   docker build -t idxmig .
#   docker run --rm -v "$PWD:/work" idxmig migrate --url jdbc:postgresql://db:5432/app --user app
# SQLite's JDBC driver loads a glibc native library, hence Debian slim and not Alpine.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so a source change does not download them again.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline || true
COPY . .
# The release archive (target/idxmig-VERSION.tar.gz): jar, launcher, man pages, completion, example.
RUN mvn -B -DskipTests package \
 && mkdir /opt/idxmig \
 && tar -xzf target/idxmig-*.tar.gz -C /opt/idxmig --strip-components=1
# Only the modules idxmig needs: `jdeps --print-module-deps --ignore-missing-deps target/idxmig.jar` gives
# java.base, java.desktop (bench charts), java.management (HikariCP), java.naming, java.security.jgss (pgjdbc's
# GSS/JNDI options), java.sql, jdk.unsupported (sun.misc.Signal: Ctrl-C stops after the running statement); plus
# jdk.crypto.ec, which only the TLS handshake asks for (PostgreSQL with sslmode=require and an ECDHE cipher), so
# jdeps cannot see it. --generate-cds-archive gives the base class-data archive the launcher's own archive builds
# on. ReleaseArchiveIT runs the archive on a runtime jlink makes from this very line.
RUN jlink --add-modules java.base,java.desktop,java.management,java.naming,java.security.jgss,java.sql,jdk.unsupported,jdk.crypto.ec \
      --strip-debug --no-man-pages --no-header-files --compress=2 --generate-cds-archive \
      --output /opt/java

FROM debian:bookworm-slim
ENV JAVA_HOME=/opt/java \
    PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
COPY --from=build /opt/java /opt/java
COPY --from=build /opt/idxmig /opt/idxmig
# Train the launcher's class-data archive now, as root, beside the jar: every container run then starts from it
# (a container is new each time, so training on first use would happen on every run).
RUN ln -s /opt/idxmig/idxmig /usr/local/bin/idxmig \
 && idxmig --version \
 && test -f /opt/idxmig/idxmig.jsa \
 && useradd --system --uid 10001 --create-home --home-dir /home/idxmig idxmig \
 && mkdir /work && chown idxmig /work
USER idxmig
WORKDIR /work
ENTRYPOINT ["idxmig"]
CMD ["--help"]
