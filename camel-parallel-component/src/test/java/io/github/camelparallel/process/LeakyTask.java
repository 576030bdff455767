package io.github.camelparallel.process;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A task that leaks 48 MB per item on purpose (kept reachable, every page written) and returns its worker's pid. */
public class LeakyTask implements Function<Integer, Long> {

    private static final List<byte[]> KEPT = new ArrayList<>();

    @Override
    public Long apply(Integer item) {
        byte[] leak = new byte[48 << 20];
        for (int i = 0; i < leak.length; i += 4096) {
            leak[i] = (byte) item.intValue();
        }
        KEPT.add(leak);
        return ProcessHandle.current().pid();
    }
}
