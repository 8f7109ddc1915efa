/**
 * An account's invoices and their PDFs.
 */
@NullMarked
package io.recurportal.invoice;

import org.jspecify.annotations.NullMarked;
