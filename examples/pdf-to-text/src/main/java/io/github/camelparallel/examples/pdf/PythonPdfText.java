package io.github.camelparallel.examples.pdf;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.camelparallel.ParallelConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The PDF job in Python: the same documents (written by the Java example's {@link Documents} when missing, the corrupt
 * one included) through the plain pypdf function {@code pdftext.pdf_text} on {@code python=}, timed on
 * {@code poolSize=1} and on one worker per processor (pools started before the clock runs), the corrupt PDF failing
 * alone ({@code onError=collect}). Run by
 * {@code -Dpdf.python.run} with the interpreter of {@code -Dpython.executable} (default {@code python3}).
 */
public final class PythonPdfText {

    /** Both timings and the failures. */
    record Outcome(int pdfs, long serialMillis, long parallelMillis, int workers, List<?> counts,
            Map<?, ?> failures) {

        String summary() {
            return String.format("Python text of %d PDFs (%d failed: %s): poolSize=1 %d ms, poolSize=%d %d ms,"
                            + " speed-up %.2fx", pdfs, failures.size(), failures.keySet(), serialMillis, workers,
                            parallelMillis, (double) serialMillis / parallelMillis);
        }
    }

    private PythonPdfText() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run(System.getProperty("pdf.dir", "target/pdfs"), Integer.getInteger("pdf.count", 100),
                System.getProperty("python.executable", "python3")).summary());
    }

    static Outcome run(String dir, int count, String python) throws Exception {
        Documents documents = new Documents();
        documents.setDir(dir);
        documents.setCount(count);
        List<String> pdfs = documents.prepare().stream().map(PdfJob::pdf).toList();
        int workers = Runtime.getRuntime().availableProcessors();
        String options = "?backend=process&python=pdftext:pdf_text&pythonPath=python&onError=collect&pythonExecutable="
                + python;
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            String serialUri = "parallel:py-pdf-1" + options + "&poolSize=1";
            String parallelUri = "parallel:py-pdf" + options + "&poolSize=" + workers;
            template.requestBody(serialUri, pdfs.subList(0, 1)); // starts the pools: the clock counts the work only
            template.requestBody(parallelUri, pdfs.subList(0, 1));
            long start = System.nanoTime();
            Exchange serial = template.send(serialUri, e -> e.getIn().setBody(pdfs));
            long serialNanos = System.nanoTime() - start;
            start = System.nanoTime();
            Exchange parallel = template.send(parallelUri, e -> e.getIn().setBody(pdfs));
            long parallelNanos = System.nanoTime() - start;
            List<?> counts = parallel.getMessage().getBody(List.class);
            if (!counts.equals(serial.getMessage().getBody(List.class))) {
                throw new IllegalStateException("the two runs extracted different text");
            }
            Map<?, ?> failures = parallel.getMessage().getHeader(ParallelConstants.ERRORS, Map.of(), Map.class);
            return new Outcome(pdfs.size(), TimeUnit.NANOSECONDS.toMillis(serialNanos),
                    TimeUnit.NANOSECONDS.toMillis(parallelNanos), workers, counts, failures);
        }
    }
}
