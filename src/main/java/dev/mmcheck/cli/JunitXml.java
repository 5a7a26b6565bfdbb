package dev.mmcheck.cli;

import dev.mmcheck.check.Verdict;
import dev.mmcheck.model.Model;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The corpus as a JUnit XML report (the format CI systems read): one test suite per scenario
 * file, one test case per checked invariant (failing when an {@code expect INV} line about it is
 * not met) and one named "verdict" for the scenario's own {@code expect} line (failing when it
 * is not met, or when the scenario has none). A file that does not compile is one case with an
 * error. Each case's output holds the judgement in words.
 */
final class JunitXml {
    private JunitXml() {}

    private record Case(String name, double seconds, String failure, String error, String out) {}

    private record Suite(String name, List<Case> cases, double seconds) {}

    private final List<Suite> suites = new ArrayList<>();

    static JunitXml create() { return new JunitXml(); }

    /** One scenario's outcome. */
    void add(String name, Runner.Outcome o) {
        List<Case> cases = new ArrayList<>();
        if (o.error() != null) {
            cases.add(new Case("compile", 0, null, o.error().render(), null));
            suites.add(new Suite(name, cases, 0));
            return;
        }
        Model m = o.model();
        Verdict v = o.verdict();
        double s = o.result().seconds();
        List<String> unmet = o.unmet();
        for (Verdict.Judgement j : v.judgements()) {
            String prefix = j.invariant().name + ": ";
            String failure = unmet.stream().filter(u -> u.startsWith(prefix)).findFirst().orElse(null);
            cases.add(new Case(j.invariant().name, s, failure, null, j.status() + " " + j.detail()));
        }
        String scenario = unmet.stream().filter(u -> u.startsWith("the scenario")).findFirst().orElse(null);
        cases.add(new Case("verdict", s, scenario, null, v.overall() + String.format(Locale.ROOT, " (%,d states)", o.result().states())));
        suites.add(new Suite(name, cases, s));
    }

    void write(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(w);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "mmcheck corpus");
            attrs(x, suites.stream().mapToInt(s -> s.cases().size()).sum(), count(suites, true), count(suites, false),
                    suites.stream().mapToDouble(Suite::seconds).sum());
            for (Suite s : suites) {
                x.writeCharacters("\n  ");
                x.writeStartElement("testsuite");
                x.writeAttribute("name", s.name());
                attrs(x, s.cases().size(), count(List.of(s), true), count(List.of(s), false), s.seconds());
                for (Case c : s.cases()) {
                    x.writeCharacters("\n    ");
                    x.writeStartElement("testcase");
                    x.writeAttribute("classname", s.name());
                    x.writeAttribute("name", c.name());
                    x.writeAttribute("time", String.format(Locale.ROOT, "%.3f", c.seconds()));
                    if (c.failure() != null) element(x, "failure", c.failure(), c.failure());
                    if (c.error() != null) element(x, "error", c.error().lines().findFirst().orElse(""), c.error());
                    if (c.out() != null) {
                        x.writeStartElement("system-out");
                        x.writeCharacters(c.out());
                        x.writeEndElement();
                    }
                    x.writeEndElement();
                }
                x.writeCharacters("\n  ");
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static void attrs(XMLStreamWriter x, int tests, int failures, int errors, double seconds) throws XMLStreamException {
        x.writeAttribute("tests", Integer.toString(tests));
        x.writeAttribute("failures", Integer.toString(failures));
        x.writeAttribute("errors", Integer.toString(errors));
        x.writeAttribute("time", String.format(Locale.ROOT, "%.3f", seconds));
    }

    private static void element(XMLStreamWriter x, String tag, String message, String text) throws XMLStreamException {
        x.writeStartElement(tag);
        x.writeAttribute("message", message);
        x.writeCharacters(text);
        x.writeEndElement();
    }

    private static int count(List<Suite> ss, boolean failures) {
        int n = 0;
        for (Suite s : ss) for (Case c : s.cases()) if (failures ? c.failure() != null : c.error() != null) n++;
        return n;
    }
}
