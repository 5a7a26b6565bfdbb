package dev.mmcheck.model;

/**
 * The kernel structures the machine has instances of, and how many: the scenario's topology
 * decides (its files, their pages and blocks, its address spaces and mappings). A structure
 * the library declares must be one of these.
 */
public enum Instances {
    PAGE("page", Type.PAGE), BUFFER("buffer_head", Type.BH), MM("mm_struct", Type.MM),
    FILE("address_space", Type.FILE), VMA("vm_area_struct", Type.VMA);

    public final String struct;
    /** The type of a pointer to one: handles are index + 1. */
    public final Type pointer;

    Instances(String struct, Type pointer) {
        this.struct = struct;
        this.pointer = pointer;
    }

    public static Instances of(String struct) {
        for (Instances i : values()) if (i.struct.equals(struct)) return i;
        return null;
    }

    public static Instances of(Type pointer) {
        for (Instances i : values()) if (i.pointer == pointer) return i;
        return null;
    }

    public int count(World w) {
        return switch (this) {
            case PAGE -> w.pages.size();
            case BUFFER -> w.nBlocks;
            case MM -> w.mms.size();
            case FILE -> w.files.size();
            case VMA -> w.vmas.size();
        };
    }

    /** How an instance reads in a trace: "f[0]", "f[0].1", "A", "f", "A:0" (the vma's first virtual page). */
    public String name(World w, int i) {
        return switch (this) {
            case PAGE -> w.pageName(i);
            case BUFFER -> w.blockName(i);
            case MM -> w.mms.get(i).name();
            case FILE -> w.files.get(i).name();
            case VMA -> w.mms.get(w.vmas.get(i).mm()).name() + ":" + w.vmas.get(i).start();
        };
    }
}
