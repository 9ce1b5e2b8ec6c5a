package dev.idxmig.fleet;

import dev.idxmig.base.Failure;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.base.Json;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code idxmig report merge}: the reports of N shards ({@code --format json} or {@code junit}) as the one report a
 * single run over all their targets would have written. Targets keep the order of the files; a target in several
 * files (a shared schema, a shard run twice) is reported once, as the file given last says. The summary is counted
 * again from the merged targets; the shards that are missing (a job that wrote no report) are named.
 */
public final class ShardReports {
    /** The merged report, its format, and what it covers. */
    public record Merged(String format, String text, String command, int targets, int ok, int problems, int failed,
                         int skipped, List<String> missingShards, int exitCode) {
        public Merged {
            missingShards = List.copyOf(missingShards);
        }

        public String line() {
            return String.format("%s report merge: %d target%s: %d ok, %d with problems, %d failed, %d skipped",
                    command, targets, targets == 1 ? "" : "s", ok, problems, failed, skipped);
        }
    }

    private static final Pattern SHARD_NAME = Pattern.compile("^idxmig (.*?)(?: \\(shard (\\d+)/(\\d+)\\))?$");

    private ShardReports() {
    }

    /** Merges the reports in {@code files} (all JSON or all JUnit XML, told apart by their first character). */
    public static Merged merge(List<Path> files) {
        if (files.isEmpty()) {
            throw IdxmigException.usage("report merge needs the report files of the shards",
                    "idxmig report merge shard-1.json shard-2.json ...");
        }
        List<String> texts = new ArrayList<>();
        for (Path file : files) {
            texts.add(read(file));
        }
        boolean json = texts.get(0).stripLeading().startsWith("{");
        for (int i = 0; i < files.size(); i++) {
            boolean isJson = texts.get(i).stripLeading().startsWith("{");
            if (isJson != json) {
                throw IdxmigException.usage(files.get(i) + " is " + (isJson ? "JSON" : "not JSON") + ", "
                        + files.get(0) + " is " + (json ? "JSON" : "not JSON"), "merge JSON reports with JSON "
                        + "reports and JUnit reports with JUnit reports");
            }
        }
        return json ? mergeJson(files, texts) : mergeJunit(files, texts);
    }

    private static Merged mergeJson(List<Path> files, List<String> texts) {
        String command = null;
        Map<String, JsonNode> targets = new LinkedHashMap<>();
        Shards shards = new Shards();
        boolean interrupted = false;
        long durationMs = 0;
        for (int i = 0; i < files.size(); i++) {
            JsonNode doc = parseJson(files.get(i), texts.get(i));
            String c = doc.get("command").asString();
            command = sameCommand(command, c, files.get(i));
            doc.get("targets").forEach(t -> targets.put(t.path("target").asString(), t));
            JsonNode summary = doc.get("summary");
            interrupted |= summary.path("interrupted").asBoolean(false);
            durationMs = Math.max(durationMs, summary.path("durationMs").asLong(0));
            JsonNode shard = doc.get("shard");
            if (shard != null && shard.isObject()) {
                shards.add(shard.path("index").asInt(), shard.path("total").asInt(), files.get(i));
            }
        }
        Counts counts = new Counts();
        targets.values().forEach(t -> counts.add(t.path("status").asString(), t.path("exitCode").asInt(0),
                t.path("target").asString() + ": " + t.path("headline").asString()));
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("schemaVersion", 1);
        out.put("command", command);
        out.put("generatedAt", Instant.now().toString());
        ArrayNode list = out.putArray("targets");
        targets.values().forEach(list::add);
        ObjectNode summary = out.putObject("summary");
        summary.put("total", targets.size());
        summary.put("ok", counts.ok);
        summary.put("problems", counts.problems);
        summary.put("failed", counts.failed);
        summary.put("skipped", counts.skipped);
        summary.put("interrupted", interrupted);
        summary.put("durationMs", durationMs);
        ArrayNode failures = summary.putArray("failures");
        counts.failures.forEach(failures::add);
        return counts.merged("json", Json.mapper().writeValueAsString(out) + "\n", command, targets.size(),
                shards.missing(), interrupted);
    }

    private static Merged mergeJunit(List<Path> files, List<String> texts) {
        String command = null;
        Shards shards = new Shards();
        Map<String, Element> suites = new LinkedHashMap<>();
        Document merged = builder().newDocument();
        for (int i = 0; i < files.size(); i++) {
            Element root = parseXml(files.get(i), texts.get(i)).getDocumentElement();
            if (!root.getTagName().equals("testsuites")) {
                throw notAReport(files.get(i), "its root element is <" + root.getTagName() + ">, not <testsuites>");
            }
            Matcher name = SHARD_NAME.matcher(root.getAttribute("name"));
            if (!name.matches()) {
                throw notAReport(files.get(i), "its <testsuites> is not named 'idxmig COMMAND'");
            }
            command = sameCommand(command, name.group(1), files.get(i));
            if (name.group(2) != null) {
                shards.add(Integer.parseInt(name.group(2)), Integer.parseInt(name.group(3)), files.get(i));
            }
            NodeList children = root.getChildNodes();
            for (int j = 0; j < children.getLength(); j++) {
                Node child = children.item(j);
                if (child instanceof Element suite && suite.getTagName().equals("testsuite")) {
                    suites.put(suite.getAttribute("name"), (Element) merged.importNode(suite, true));
                }
            }
        }
        Element root = merged.createElement("testsuites");
        root.setAttribute("name", "idxmig " + command);
        merged.appendChild(root);
        Counts counts = new Counts();
        for (Map.Entry<String, Element> e : suites.entrySet()) {
            root.appendChild(merged.createTextNode("\n  "));
            root.appendChild(e.getValue());
            boolean failed = !e.getValue().getAttribute("failures").equals("0");
            counts.add(failed ? "problems" : "ok", failed ? Failure.PROBLEMS.exitCode() : 0, e.getKey());
        }
        root.appendChild(merged.createTextNode("\n"));
        return counts.merged("junit", write(merged), command, suites.size(), shards.missing(), false);
    }

    private static String sameCommand(String seen, String command, Path file) {
        if (seen != null && !seen.equals(command)) {
            throw IdxmigException.usage(file + " is a report of " + command + ", the files before it of " + seen,
                    "merge the reports of one command's shards");
        }
        return command;
    }

    /** Counts per status, and the exit code one run over all the targets would have had. */
    private static final class Counts {
        int ok;
        int problems;
        int failed;
        int skipped;
        int worst;
        final List<String> failures = new ArrayList<>();

        void add(String status, int exitCode, String failure) {
            switch (status) {
                case "ok" -> ok++;
                case "problems" -> problems++;
                case "failed" -> {
                    failed++;
                    failures.add(failure);
                }
                default -> skipped++;
            }
            if (exitCode == Failure.INTERRUPTED.exitCode() || worst == Failure.INTERRUPTED.exitCode()) {
                worst = Failure.INTERRUPTED.exitCode();
            } else {
                worst = Math.max(worst, exitCode);
            }
        }

        Merged merged(String format, String text, String command, int targets, List<String> missing,
                      boolean interrupted) {
            int exit = interrupted ? Failure.INTERRUPTED.exitCode() : worst;
            if (exit == 0 && !missing.isEmpty()) {
                exit = Failure.PROBLEMS.exitCode();
            }
            return new Merged(format, text, command, targets, ok, problems, failed, skipped, missing, exit);
        }
    }

    /** The shards the files came from: which of 1..N have no report. */
    private static final class Shards {
        final TreeSet<Integer> seen = new TreeSet<>();
        int total;

        void add(int index, int total, Path file) {
            if (this.total != 0 && this.total != total) {
                throw IdxmigException.usage(file + " is a shard of " + total + ", the files before it of "
                        + this.total, "merge the reports of one sharded run");
            }
            this.total = total;
            seen.add(index);
        }

        List<String> missing() {
            List<String> missing = new ArrayList<>();
            for (int k = 1; k <= total; k++) {
                if (!seen.contains(k)) {
                    missing.add(k + "/" + total);
                }
            }
            return missing;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw IdxmigException.usage("cannot read " + file + ": " + e.getMessage(),
                    "give the report files the shards wrote with --output");
        }
    }

    private static JsonNode parseJson(Path file, String text) {
        JsonNode doc;
        try {
            doc = Json.mapper().readTree(text);
        } catch (JacksonException e) {
            throw notAReport(file, e.getOriginalMessage());
        }
        for (String field : List.of("command", "targets", "summary")) {
            if (doc == null || !doc.has(field)) {
                throw notAReport(file, "it has no '" + field + "'");
            }
        }
        return doc;
    }

    private static Document parseXml(Path file, String text) {
        try {
            return builder().parse(new org.xml.sax.InputSource(new java.io.StringReader(text)));
        } catch (SAXException | IOException e) {
            throw notAReport(file, Optional.ofNullable(e.getMessage()).orElse(e.toString()));
        }
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(Document doc) {
        try {
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out + "\n";
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IdxmigException notAReport(Path file, String why) {
        return IdxmigException.usage(file + " is not an idxmig report: " + why,
                "merge the files the shards wrote with --format json or --format junit --output FILE");
    }
}
