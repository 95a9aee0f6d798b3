"""Files -> Plan + Diagnostics: locate the plan, read its sources with positions, check them."""
