package io.github.camelparallel.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts the code blocks of a documentation page so that tests can run, compile or check them: fenced blocks of a
 * Markdown file (```lang or ~~~lang, also indented inside list items) and {@code [source,lang]} blocks delimited by
 * {@code ----} of an AsciiDoc file. Each block keeps its file, the line its code starts on and its language, so a
 * failing check can name the block. An unterminated block is an error, never silently dropped. Shared by the tests
 * of the README, the component page and the guides.
 */
public final class CodeBlocks {

    /** One code block: where it is, its language ("" when none is given, lower case) and its text. */
    public record Block(Path file, int line, String language, String code) {

        /** {@code file:line (language)}, for failure messages. */
        public String where() {
            return file.getFileName() + ":" + line + " (" + (language.isEmpty() ? "no language" : language) + ")";
        }
    }

    private static final Pattern MD_FENCE = Pattern.compile("^(\\s*)(`{3,}|~{3,})\\s*([^`\\s]*)?.*$");
    private static final Pattern ADOC_SOURCE = Pattern.compile("^\\[source(?:,\\s*([^,\\]\\s]+))?[^\\]]*\\]\\s*$");
    private static final Pattern ADOC_DELIMITER = Pattern.compile("^(-{4,}|\\.{4,})\\s*$");

    private CodeBlocks() {
    }

    /** The blocks of a Markdown ({@code .md}) or AsciiDoc ({@code .adoc}) file, chosen by the file's extension. */
    public static List<Block> of(Path file) {
        String text = read(file);
        return file.getFileName().toString().endsWith(".adoc") ? asciidoc(file, text) : markdown(file, text);
    }

    /** The blocks of the given language (case-insensitive; aliases such as "yml" are not folded). */
    public static List<Block> of(Path file, String language) {
        return of(file).stream().filter(b -> b.language().equalsIgnoreCase(language)).toList();
    }

    /** The fenced code blocks of Markdown text; the fence's indentation is removed from every line of the block. */
    public static List<Block> markdown(Path file, String text) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher open = MD_FENCE.matcher(lines[i]);
            if (!open.matches()) {
                continue;
            }
            String indent = open.group(1);
            String fence = open.group(2);
            String language = open.group(3) == null ? "" : open.group(3).toLowerCase(Locale.ROOT);
            StringBuilder code = new StringBuilder();
            int start = i + 2;
            int j = i + 1;
            for (; j < lines.length; j++) {
                String line = lines[j];
                String stripped = line.strip();
                if (stripped.startsWith(fence) && stripped.chars().allMatch(c -> c == fence.charAt(0))) {
                    break;
                }
                code.append(line.startsWith(indent) ? line.substring(indent.length()) : line.stripLeading())
                        .append('\n');
            }
            if (j == lines.length) {
                throw new IllegalStateException(file + ":" + (i + 1) + ": code block is never closed");
            }
            blocks.add(new Block(file, start, language, code.toString()));
            i = j;
        }
        return blocks;
    }

    /**
     * The {@code [source,lang]} blocks of AsciiDoc text, each delimited by a {@code ----} (or {@code ....}) line
     * right after its attribute line; comment lines and block titles ({@code .Title}) between them are allowed.
     */
    public static List<Block> asciidoc(Path file, String text) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher source = ADOC_SOURCE.matcher(lines[i].strip());
            if (!source.matches()) {
                continue;
            }
            String language = source.group(1) == null ? "" : source.group(1).toLowerCase(Locale.ROOT);
            int open = i + 1;
            while (open < lines.length && (lines[open].startsWith("//") || lines[open].startsWith("."))
                    && !ADOC_DELIMITER.matcher(lines[open]).matches()) {
                open++;
            }
            if (open >= lines.length || !ADOC_DELIMITER.matcher(lines[open]).matches()) {
                throw new IllegalStateException(file + ":" + (i + 1) + ": [source] is not followed by a ---- block");
            }
            String delimiter = lines[open].strip();
            StringBuilder code = new StringBuilder();
            int j = open + 1;
            for (; j < lines.length && !lines[j].strip().equals(delimiter); j++) {
                code.append(lines[j]).append('\n');
            }
            if (j == lines.length) {
                throw new IllegalStateException(file + ":" + (open + 1) + ": source block is never closed");
            }
            blocks.add(new Block(file, open + 2, language, code.toString()));
            i = j;
        }
        return blocks;
    }

    /**
     * The repository's root folder: the parent of {@code -Ddocs.dir} (the module's surefire sets it to the
     * repository's {@code docs/}), else the parent of the working directory (the component module).
     */
    public static Path repositoryRoot() {
        String dir = System.getProperty("docs.dir");
        Path root = dir != null && !dir.isBlank() ? Path.of(dir).getParent() : Path.of("..");
        root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("docs"))) {
            throw new IllegalStateException("not the repository root (no pom.xml and docs/): " + root);
        }
        return root;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
