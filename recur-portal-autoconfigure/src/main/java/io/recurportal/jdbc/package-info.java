/**
 * What the portal's JDBC stores share: table names with their prefix, transactions,
 * timestamps, and the one statement whose SQL differs between databases.
 */
@NullMarked
package io.recurportal.jdbc;

import org.jspecify.annotations.NullMarked;
