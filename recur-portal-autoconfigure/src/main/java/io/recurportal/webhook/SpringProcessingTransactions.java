package io.recurportal.webhook;

import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

/**
 * Processing in a Spring-managed transaction, the one the JDBC stores write in. The
 * after-commit work runs as {@code @TransactionalEventListener} listeners would: after
 * the commit of the outermost transaction, which is a host's when processing joins one.
 */
public final class SpringProcessingTransactions implements ProcessingTransactions {

	private final TransactionOperations transactions;

	/**
	 * Creates the transactions.
	 * @param transactions the stores' transactions
	 */
	public SpringProcessingTransactions(TransactionOperations transactions) {
		Assert.notNull(transactions, "'transactions' must not be null");
		this.transactions = transactions;
	}

	@Override
	public void execute(Runnable work, Runnable afterCommit) {
		boolean registered = Boolean.TRUE.equals(this.transactions.execute((status) -> {
			work.run();
			if (!TransactionSynchronizationManager.isSynchronizationActive()) {
				return false;
			}
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					afterCommit.run();
				}

			});
			return true;
		}));
		if (!registered) {
			afterCommit.run();
		}
	}

}
