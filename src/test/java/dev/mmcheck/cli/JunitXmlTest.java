package dev.mmcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmcheck.TestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** `mmcheck corpus --junit-xml FILE`: a suite per scenario, a case per checked invariant and one for the verdict. */
class JunitXmlTest {
    @Test
    void aCorpusBecomesSuitesAndCasesThatFailWhereAnExpectationIsNotMet(@TempDir Path dir) throws Exception {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Path seeds = TestSupport.home().resolve("scenarios/seeds");
        Files.copy(seeds.resolve("mkclean-x86-2.6.19.mmt"), corpus.resolve("good.mmt"));
        // Control: the same scenario expecting the wrong verdict fails, in the report too.
        Files.writeString(corpus.resolve("wrong.mmt"), Files.readString(seeds.resolve("mkclean-x86-2.6.19.mmt"))
                .replaceAll("(?m)^expect (.*)holds", "expect $1violation"));
        Files.writeString(corpus.resolve("broken.mmt"), "scenario \"x\"\nthis is not mmcheck\n");
        Path xml = dir.resolve("report.xml");
        CliTest.Run r = CliTest.run("corpus", corpus.toString(), "--junit-xml", xml.toString());
        assertThat(r.status()).isEqualTo(2);   // an input error in the corpus

        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element all = d.getDocumentElement();
        assertThat(all.getTagName()).isEqualTo("testsuites");
        NodeList suites = all.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(3);
        Element broken = (Element) suites.item(0), good = (Element) suites.item(1), wrong = (Element) suites.item(2);
        assertThat(broken.getAttribute("name")).isEqualTo("broken.mmt");
        assertThat(broken.getAttribute("errors")).isEqualTo("1");
        assertThat(good.getAttribute("failures")).isEqualTo("0");
        assertThat(wrong.getAttribute("failures")).isNotEqualTo("0");
        // one case per checked invariant, and the verdict
        NodeList cases = good.getElementsByTagName("testcase");
        assertThat(((Element) cases.item(cases.getLength() - 1)).getAttribute("name")).isEqualTo("verdict");
        assertThat(cases.getLength()).isGreaterThanOrEqualTo(2);
        assertThat(all.getAttribute("failures")).isEqualTo(wrong.getAttribute("failures"));
    }
}
