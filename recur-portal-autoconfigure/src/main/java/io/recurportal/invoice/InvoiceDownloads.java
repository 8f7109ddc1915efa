package io.recurportal.invoice;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.recurportal.billing.InvoiceDocument;

/**
 * The one way an invoice PDF is sent, from the API and the pages alike: as a download,
 * never cached by shared caches or kept by the browser.
 */
public final class InvoiceDownloads {

	private InvoiceDownloads() {
	}

	/**
	 * The response carrying an invoice PDF.
	 * @param document the PDF
	 * @return the response
	 */
	public static ResponseEntity<byte[]> attachment(InvoiceDocument document) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.cacheControl(CacheControl.noStore().cachePrivate())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(document.filename()).build().toString())
			.body(document.content());
	}

}
