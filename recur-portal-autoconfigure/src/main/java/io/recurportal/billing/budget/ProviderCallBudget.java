package io.recurportal.billing.budget;

/**
 * How many provider calls background work (re-reading what webhooks announced) may make
 * in the current second, counted across every instance that shares the budget. Users'
 * own actions never ask it: they always go first, in the room the limit leaves below
 * the provider's.
 */
public interface ProviderCallBudget {

	/**
	 * Takes up to a number of calls from the current second's budget.
	 * @param wanted the calls wanted
	 * @return the calls granted, from 0 to {@code wanted}
	 */
	int acquire(int wanted);

	/**
	 * The calls taken in the current second.
	 * @return the calls
	 */
	int used();

	/**
	 * The calls allowed per second.
	 * @return the limit
	 */
	int limit();

	/**
	 * A budget that never runs out, for providers whose calls cost no rate limit.
	 * @return the budget
	 */
	static ProviderCallBudget unlimited() {
		return new ProviderCallBudget() {

			@Override
			public int acquire(int wanted) {
				return wanted;
			}

			@Override
			public int used() {
				return 0;
			}

			@Override
			public int limit() {
				return Integer.MAX_VALUE;
			}

		};
	}

}
