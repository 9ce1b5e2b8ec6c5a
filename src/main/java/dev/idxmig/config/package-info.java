/**
 * Settings: flags, environment, idxmig.yaml and defaults resolved into one record, URLs, durations and secret masking.
 */
package dev.idxmig.config;
