package io.recurportal.billing;

/**
 * The PDF of an invoice.
 *
 * @param filename a file name for downloads, {@code invoice-ABCD-0001.pdf} for example
 * @param content the PDF bytes
 */
public record InvoiceDocument(String filename, byte[] content) {

	/** The media type of every invoice document. */
	public static final String MEDIA_TYPE = "application/pdf";

}
