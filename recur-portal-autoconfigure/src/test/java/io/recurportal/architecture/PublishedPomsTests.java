package io.recurportal.architecture;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What publishing needs of the POMs: the metadata Maven Central asks for, and a bill of
 * materials (which has no parent, so nothing keeps it in step by itself) on the parent's
 * version, managing every published module.
 */
class PublishedPomsTests {

	// Tests run in the module's directory.
	private static final File ROOT = new File("..");

	@Test
	void parentCarriesWhatMavenCentralAsksFor() throws Exception {
		Element parent = read(new File(ROOT, "pom.xml"));
		for (Element pom : List.of(parent, read(new File(ROOT, "recur-portal-dependencies/pom.xml")))) {
			assertThat(text(pom, "description")).isNotBlank();
			assertThat(text(pom, "url")).startsWith("https://");
			assertThat(child(child(child(pom, "licenses"), "license"), "name").getTextContent()).contains("Apache");
			assertThat(child(child(pom, "developers"), "developer")).isNotNull();
			assertThat(text(child(pom, "scm"), "connection")).startsWith("scm:git:");
		}
	}

	@Test
	void billOfMaterialsIsOnTheParentsVersionAndManagesEveryPublishedModule() throws Exception {
		Element parent = read(new File(ROOT, "pom.xml"));
		Element bom = read(new File(ROOT, "recur-portal-dependencies/pom.xml"));
		String version = text(parent, "version");
		assertThat(text(bom, "version")).isEqualTo(version);
		assertThat(text(child(bom, "properties"), "recur-portal.version")).isEqualTo(version);
		List<String> managed = new ArrayList<>();
		NodeList dependencies = child(child(bom, "dependencyManagement"), "dependencies").getElementsByTagName("dependency");
		for (int i = 0; i < dependencies.getLength(); i++) {
			Element dependency = (Element) dependencies.item(i);
			managed.add(text(dependency, "artifactId"));
			assertThat(text(dependency, "version")).isEqualTo("${recur-portal.version}");
		}
		List<String> published = new ArrayList<>();
		NodeList modules = child(parent, "modules").getElementsByTagName("module");
		for (int i = 0; i < modules.getLength(); i++) {
			Element module = read(new File(ROOT, modules.item(i).getTextContent() + "/pom.xml"));
			Element properties = child(module, "properties");
			boolean skipped = properties != null && "true".equals(text(properties, "maven.deploy.skip"));
			if (!skipped && !"pom".equals(text(module, "packaging"))) {
				published.add(text(module, "artifactId"));
			}
		}
		assertThat(published).isNotEmpty();
		assertThat(managed).containsExactlyInAnyOrderElementsOf(published);
	}

	private static Element read(File file) throws Exception {
		Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file);
		return document.getDocumentElement();
	}

	private static Element child(Element element, String name) {
		for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element child && child.getTagName().equals(name)) {
				return child;
			}
		}
		return null;
	}

	private static String text(Element element, String name) {
		Element child = child(element, name);
		return (child != null) ? child.getTextContent().trim() : null;
	}

}
