/**
 * Adopting what already exists: the baseline of a schema another tool made (its indexes recorded as adopted), and
 * the scaffolding of a project around it ({@code init}, {@code new}).
 */
package dev.idxmig.adopt;
