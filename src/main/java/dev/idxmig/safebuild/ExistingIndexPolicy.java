package dev.idxmig.safebuild;

import dev.idxmig.db.IndexBuilds;

/**
 * What a statement that creates an index does about an index of that name already there. Two situations meet one
 * shape: a resumed migration finds what an earlier attempt built, and {@code IF NOT EXISTS} finds what anyone
 * built. Valid and as asked, the index stays; INVALID, it is dropped and built again (on resume always, for
 * {@code IF NOT EXISTS} only with --repair-invalid, else refused); different from what is asked, refused.
 */
final class ExistingIndexPolicy {
    /** How the statement met the index. */
    enum Meeting { RESUMED, IF_NOT_EXISTS }

    /** The decision. */
    enum Action { KEEP, DROP_AND_BUILD, REFUSE_INVALID, REFUSE_DIFFERENT }

    private ExistingIndexPolicy() {
    }

    /**
     * @param wanted the shape the statement asks for (only compared when the index is valid)
     */
    static Action decide(Meeting meeting, IndexBuilds.Index index, String wanted, boolean repairInvalid) {
        if (!index.valid()) {
            return meeting == Meeting.RESUMED || repairInvalid ? Action.DROP_AND_BUILD : Action.REFUSE_INVALID;
        }
        return wanted.equals(index.shape()) ? Action.KEEP : Action.REFUSE_DIFFERENT;
    }
}
