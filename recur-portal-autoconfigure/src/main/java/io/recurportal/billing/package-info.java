/**
 * The seam to the payment provider: {@link io.recurportal.billing.BillingGateway} and the records it speaks.
 */
@NullMarked
package io.recurportal.billing;

import org.jspecify.annotations.NullMarked;
