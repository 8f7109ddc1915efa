package io.recurportal.billing.sandbox;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import io.recurportal.billing.Address;
import io.recurportal.billing.Customer;
import io.recurportal.billing.Invoice;
import io.recurportal.billing.InvoiceDocument;
import io.recurportal.billing.InvoiceLine;
import io.recurportal.billing.InvoiceStatus;
import org.jspecify.annotations.Nullable;

/**
 * Draws a finalized invoice as a one-page PDF with OpenPDF: who issued it, the invoice
 * number and dates, whom it bills, its lines and what was due and paid.
 * <p>
 * Uses the PDF base fonts, so text outside Latin-1 (a customer name in Japanese, say) is
 * left out rather than embedding a large font in the sandbox.
 */
final class InvoicePdfRenderer {

	private static final String ISSUER = "Sandbox";

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US)
		.withZone(ZoneOffset.UTC);

	private static final Color MUTED = new Color(0x55, 0x5b, 0x66);

	private static final Font ISSUER_FONT = new Font(Font.HELVETICA, 11, Font.BOLD, MUTED);

	private static final Font TITLE_FONT = new Font(Font.HELVETICA, 22, Font.BOLD);

	private static final Font LABEL_FONT = new Font(Font.HELVETICA, 9, Font.BOLD, MUTED);

	private static final Font TEXT_FONT = new Font(Font.HELVETICA, 10, Font.NORMAL);

	private static final Font STRONG_FONT = new Font(Font.HELVETICA, 10, Font.BOLD);

	/**
	 * Renders an invoice.
	 * @param invoice a finalized invoice
	 * @param customer the customer it bills
	 * @return the document, named {@code invoice-<number>.pdf}
	 */
	InvoiceDocument render(Invoice invoice, Customer customer) {
		String number = (invoice.number() != null) ? invoice.number() : invoice.id();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = new Document(PageSize.A4, 48, 48, 48, 48);
		try {
			PdfWriter.getInstance(document, out);
			document.addTitle("Invoice " + number);
			document.addAuthor(ISSUER);
			document.addCreator("recur-portal sandbox");
			document.open();
			document.add(new Paragraph(ISSUER, ISSUER_FONT));
			document.add(spaced(new Paragraph("Invoice", TITLE_FONT), 12));
			document.add(spaced(details(invoice, number), 16));
			document.add(spaced(billTo(customer), 16));
			document.add(spaced(lines(invoice), 8));
			document.add(totals(invoice));
		}
		catch (DocumentException ex) {
			throw new IllegalStateException("Could not draw invoice " + number, ex);
		}
		finally {
			if (document.isOpen()) {
				document.close();
			}
		}
		return new InvoiceDocument("invoice-" + number + ".pdf", out.toByteArray());
	}

	private PdfPTable details(Invoice invoice, String number) {
		PdfPTable table = keyValueTable();
		row(table, "Invoice number", number);
		row(table, "Date of issue", DATE.format(invoice.created()));
		row(table, "Billing period", DATE.format(invoice.periodStart()) + " - " + DATE.format(invoice.periodEnd()));
		row(table, "Status", invoice.status().value());
		if (invoice.paidAt() != null) {
			row(table, "Paid on", DATE.format(invoice.paidAt()));
		}
		return table;
	}

	private Paragraph billTo(Customer customer) {
		Paragraph paragraph = new Paragraph();
		paragraph.add(new Phrase("Bill to\n", LABEL_FONT));
		List<String> rows = new ArrayList<>();
		addIfPresent(rows, customer.name());
		addIfPresent(rows, customer.email());
		Address address = customer.address();
		if (address != null) {
			addIfPresent(rows, address.line1());
			addIfPresent(rows, address.line2());
			addIfPresent(rows, join(" ", address.postalCode(), address.city(), address.state()));
			addIfPresent(rows, address.country());
		}
		addIfPresent(rows, customer.phone());
		if (customer.taxId() != null && !customer.taxId().isBlank()) {
			rows.add("Tax ID: " + customer.taxId());
		}
		paragraph.add(new Phrase(String.join("\n", rows), TEXT_FONT));
		return paragraph;
	}

	private PdfPTable lines(Invoice invoice) {
		PdfPTable table = new PdfPTable(new float[] { 6, 1, 2 });
		table.setWidthPercentage(100);
		table.addCell(headerCell("Description", Element.ALIGN_LEFT));
		table.addCell(headerCell("Qty", Element.ALIGN_RIGHT));
		table.addCell(headerCell("Amount", Element.ALIGN_RIGHT));
		for (InvoiceLine line : invoice.lines()) {
			String period = DATE.format(line.periodStart()) + " - " + DATE.format(line.periodEnd());
			Phrase description = new Phrase(line.description() + "\n", TEXT_FONT);
			description.add(new Phrase(period, LABEL_FONT));
			table.addCell(cell(description, Element.ALIGN_LEFT));
			table.addCell(cell(new Phrase(String.valueOf(line.quantity()), TEXT_FONT), Element.ALIGN_RIGHT));
			table.addCell(cell(new Phrase(money(line.amount(), invoice), TEXT_FONT), Element.ALIGN_RIGHT));
		}
		return table;
	}

	private PdfPTable totals(Invoice invoice) {
		PdfPTable table = new PdfPTable(new float[] { 7, 2 });
		table.setWidthPercentage(100);
		total(table, "Total", money(invoice.total(), invoice), false);
		long creditApplied = Math.max(0, invoice.total()) - invoice.amountDue();
		if (creditApplied > 0) {
			total(table, "Credit applied", money(-creditApplied, invoice), false);
		}
		if (invoice.total() < 0) {
			total(table, "Credited to balance", money(-invoice.total(), invoice), false);
		}
		total(table, "Amount due", money(invoice.amountDue(), invoice), true);
		total(table, "Amount paid", money(invoice.amountPaid(), invoice), false);
		if (invoice.status() == InvoiceStatus.OPEN) {
			total(table, "Amount remaining", money(invoice.amountRemaining(), invoice), true);
		}
		return table;
	}

	private static PdfPTable keyValueTable() {
		PdfPTable table = new PdfPTable(new float[] { 2, 5 });
		table.setWidthPercentage(70);
		table.setHorizontalAlignment(Element.ALIGN_LEFT);
		return table;
	}

	private static void row(PdfPTable table, String label, String value) {
		table.addCell(cell(new Phrase(label, LABEL_FONT), Element.ALIGN_LEFT));
		table.addCell(cell(new Phrase(value, TEXT_FONT), Element.ALIGN_LEFT));
	}

	private static void total(PdfPTable table, String label, String value, boolean strong) {
		Font font = strong ? STRONG_FONT : TEXT_FONT;
		table.addCell(cell(new Phrase(label, font), Element.ALIGN_RIGHT));
		table.addCell(cell(new Phrase(value, font), Element.ALIGN_RIGHT));
	}

	private static PdfPCell headerCell(String text, int alignment) {
		PdfPCell cell = cell(new Phrase(text, LABEL_FONT), alignment);
		cell.setBorder(Rectangle.BOTTOM);
		cell.setBorderColor(MUTED);
		return cell;
	}

	private static PdfPCell cell(Phrase phrase, int alignment) {
		PdfPCell cell = new PdfPCell(phrase);
		cell.setBorder(Rectangle.NO_BORDER);
		cell.setHorizontalAlignment(alignment);
		cell.setPaddingBottom(5);
		return cell;
	}

	private static <T extends Element> T spaced(T element, float after) {
		if (element instanceof Paragraph paragraph) {
			paragraph.setSpacingAfter(after);
		}
		else if (element instanceof PdfPTable table) {
			table.setSpacingAfter(after);
		}
		return element;
	}

	private static String money(long amount, Invoice invoice) {
		return Money.format(amount, invoice.currency());
	}

	private static void addIfPresent(List<String> rows, @Nullable String value) {
		if (value != null && !value.isBlank()) {
			rows.add(value);
		}
	}

	private static @Nullable String join(String separator, @Nullable String... parts) {
		List<String> present = new ArrayList<>();
		for (String part : parts) {
			addIfPresent(present, part);
		}
		return present.isEmpty() ? null : String.join(separator, present);
	}

}
