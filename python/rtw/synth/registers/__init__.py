"""The register files of REGISTERS.md, one module per register.

Each module is the one place that turns person facts into that register's rows: its
columns, their names and types, its grain and the codes that stand for a fact (which
western country, which partner or employer number, which two digits after an education
prefix). The populations (rtw.synth.cohort, background, working, reform) decide the
facts and call these modules; rtw.synth.default_scale and rtw.synth.national write the
files.

- bef: BEF (persons and years; country of origin, partner numbers)
- ind: IND (incomes)
- udda: UDDA (education codes)
- dod: DOD (deaths)
- vnds: VNDS (migrations)
- bfl: BFL (jobs: hours, employer, industry)
- lpr: LPR (lpr_adm, lpr_diag, lpr_sksopr, lpr_sksube)
- ges: GES (municipal rehab services and their reporting errors)
- sssy: SSSY (GP and physiotherapy services per week)
- dream: DREAM (the wide weekly file of a rtw.synth.dream.DreamMatrix)
- columns: person numbers, dates and strings shared by the others
- files: one Parquet file per register, whole or streamed
"""

from rtw.synth.registers.bef import country_of_origin
from rtw.synth.registers.columns import pnr, zfill

__all__ = ["country_of_origin", "pnr", "zfill"]
