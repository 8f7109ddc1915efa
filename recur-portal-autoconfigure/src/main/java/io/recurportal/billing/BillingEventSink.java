package io.recurportal.billing;

/**
 * Where a provider's event source delivers its events: the portal's provider-neutral
 * processing, which applies each event once.
 */
@FunctionalInterface
public interface BillingEventSink {

	/**
	 * Processes an event unless it was processed before.
	 * @param event the event
	 * @return what was done
	 * @throws RuntimeException when processing failed; nothing of it is kept, and the
	 * event is processed when delivered again
	 */
	Outcome process(BillingEvent event);

	/**
	 * What processing an event did.
	 */
	enum Outcome {

		/** The event was applied. */
		PROCESSED,

		/** The event had been processed before; nothing was done. */
		DUPLICATE,

		/** The event's type is not one the portal handles; nothing was done. */
		IGNORED

	}

}
