/**
 * The command line: picocli commands and option mixins that parse, validate, call a service and print; Main.
 */
package dev.idxmig.cli;
