package io.recurportal.autoconfigure;

import javax.sql.DataSource;

import org.springframework.transaction.support.TransactionOperations;

/**
 * The database the portal's JDBC stores use, and its transactions, which webhook
 * processing shares with the stores.
 *
 * @param dataSource the database
 * @param transactions its transactions
 */
record StoreDatabase(DataSource dataSource, TransactionOperations transactions) {

}
