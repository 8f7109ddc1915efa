package io.recurportal.billing.sandbox;

/**
 * Invoice numbers as Stripe prints them: a prefix that belongs to the customer and a
 * sequence per customer, {@code 7XK2M9QA-0001} for example.
 */
final class InvoiceNumbers {

	private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

	private InvoiceNumbers() {
	}

	/**
	 * The customer's prefix: eight upper-case letters and digits derived from the id, so
	 * it stays the same across restarts.
	 * @param customerId the customer
	 * @return the prefix
	 */
	static String prefixOf(String customerId) {
		byte[] hash = Digests.sha256(customerId);
		StringBuilder prefix = new StringBuilder(8);
		for (int i = 0; i < 8; i++) {
			prefix.append(ALPHABET.charAt((hash[i] & 0xff) % ALPHABET.length()));
		}
		return prefix.toString();
	}

	/**
	 * Gives the customer's next number.
	 * @param customer the customer, whose count moves on
	 * @return the number
	 */
	static String next(SandboxCustomer customer) {
		customer.invoicesNumbered++;
		return prefixOf(customer.id) + "-" + String.format("%04d", customer.invoicesNumbered);
	}

}
