package io.github.camelparallel.docs;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The extraction the documentation tests rely on: every block found, with its language, line and exact text. */
class CodeBlocksTest {

    private static final Path MD = Path.of("page.md");
    private static final Path ADOC = Path.of("page.adoc");

    @Test
    void markdownFencesWithLanguagesIndentationAndTildes() {
        String text = String.join("\n",
                "# Title", "", "```java", "int a = 1;", "```", "text", "1. item",
                "   ```yaml", "   - route:", "       id: x", "   ```", "", "~~~", "plain ``` inside", "~~~", "");
        List<CodeBlocks.Block> blocks = CodeBlocks.markdown(MD, text);
        assertEquals(3, blocks.size());
        assertEquals(new CodeBlocks.Block(MD, 4, "java", "int a = 1;\n"), blocks.get(0));
        assertEquals(new CodeBlocks.Block(MD, 9, "yaml", "- route:\n    id: x\n"), blocks.get(1));
        assertEquals(new CodeBlocks.Block(MD, 14, "", "plain ``` inside\n"), blocks.get(2));
    }

    @Test
    void asciidocSourceBlocksInsideTabs() {
        String text = String.join("\n",
                "= Page", "[tabs]", "====", "Java::", "+", "[source,java]", "----", "from(\"direct:a\");", "----",
                "YAML::", "+", "[source,yaml,subs=attributes+]", ".Title", "----", "- route: {}", "----", "====",
                "[source]", "....", "text", "....", "");
        List<CodeBlocks.Block> blocks = CodeBlocks.asciidoc(ADOC, text);
        assertEquals(3, blocks.size());
        assertEquals(new CodeBlocks.Block(ADOC, 8, "java", "from(\"direct:a\");\n"), blocks.get(0));
        assertEquals(new CodeBlocks.Block(ADOC, 15, "yaml", "- route: {}\n"), blocks.get(1));
        assertEquals(new CodeBlocks.Block(ADOC, 20, "", "text\n"), blocks.get(2));
    }

    @Test
    void unclosedBlocksAreErrorsNotDropped() {
        assertThrows(IllegalStateException.class, () -> CodeBlocks.markdown(MD, "```java\nint a;\n"));
        assertThrows(IllegalStateException.class, () -> CodeBlocks.asciidoc(ADOC, "[source,java]\n----\nint a;\n"));
        assertThrows(IllegalStateException.class, () -> CodeBlocks.asciidoc(ADOC, "[source,java]\nint a;\n"));
    }
}
