package io.github.camelparallel.cache;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The classes a class file names in its constant pool (what its code can reference: superclass, fields' and
 * methods' owners, lambdas' targets, nested classes), read without loading anything. Stateless.
 */
final class ClassReferences {

    private ClassReferences() {
    }

    /** Binary names ({@code com.acme.Cube$1}) of the classes the class file refers to, arrays unwrapped. */
    static Set<String> of(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNameIndex[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 5, 6 -> {
                    in.readLong();
                    i++; // eight-byte constants take two slots
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
            }
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 1; i < count; i++) {
            if (classNameIndex[i] != 0 && utf8[classNameIndex[i]] != null) {
                String name = utf8[classNameIndex[i]];
                int arrayEnd = name.lastIndexOf('[');
                if (arrayEnd >= 0) {
                    if (name.length() <= arrayEnd + 2 || name.charAt(arrayEnd + 1) != 'L') {
                        continue; // an array of primitives
                    }
                    name = name.substring(arrayEnd + 2, name.length() - 1);
                }
                names.add(name.replace('/', '.'));
            }
        }
        return names;
    }
}
