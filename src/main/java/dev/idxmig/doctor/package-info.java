/**
 * Doctor: unused, duplicate, redundant and invalid indexes and unindexed foreign keys, one check per class and SQL file.
 */
package dev.idxmig.doctor;
