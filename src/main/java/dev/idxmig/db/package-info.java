/**
 * The database behind a Dialect per vendor (registered, asked whether it handles a URL): connections, catalog snapshots, SQL resources, plans, integrity checks and online-build hooks.
 */
package dev.idxmig.db;
