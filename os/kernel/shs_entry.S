/* The first bytes of the shared scheduler's code page: one jump per entry,
 * at the offsets uapi/shsched.h names. */
	.section .shs_text.entry, "ax"
	.option norvc   /* four bytes an entry */
	.globl shs_code_start
shs_code_start:
	j shs_pick   /* RF_SHS_ENTRY_PICK */
	j shs_pop    /* RF_SHS_ENTRY_POP */
	j shs_push   /* RF_SHS_ENTRY_PUSH */
