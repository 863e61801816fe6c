# Reads the local host's SDMX REST answers with rsdmx, as an SDMX user would: the dataflow, the data structure with its
# codelists, and the data (SDMX-ML 2.1 structure-specific), through rsdmx's own SDMX 2.1 REST request builder and by
# the URLs of the API's table. Checks the briefing's figures and prints what it read; the test compares every figure.
# Usage: Rscript rsdmx-check.R http://127.0.0.1:PORT
args <- commandArgs(trailingOnly = TRUE)
base <- args[1]
suppressPackageStartupMessages(library(rsdmx))
cat("rsdmx", as.character(packageVersion("rsdmx")), "reading", base, "\n")
addSDMXServiceProvider(SDMXServiceProvider(
  agencyId = "QI", name = "QiIngest local host",
  builder = SDMXREST21RequestBuilder(regUrl = paste0(base, "/api/sdmx/structure"), repoUrl = paste0(base, "/api/sdmx"), compliant = TRUE)))

flows <- as.data.frame(readSDMX(providerId = "QI", resource = "dataflow", agencyId = "CN_SAMR", resourceId = "QI_NATIONAL", version = "1.0"))
cat("dataflow:", flows$agencyID, flows$id, flows$version, "|", flows$Name.en, "|", flows$Name.zh, "\n")

structures <- readSDMX(paste0(base, "/api/sdmx/structure/dataflow/CN_SAMR/QI_NATIONAL/1.0?references=all"))
dsd <- slot(slot(structures, "datastructures"), "datastructures")[[1]]
cat("datastructure:", slot(dsd, "agencyID"), slot(dsd, "id"), slot(dsd, "version"), "\n")
components <- as.data.frame(slot(dsd, "Components"))
cat("components:", paste(components$component, components$conceptRef, sep = "=", collapse = " "), "\n")
codelists <- slot(slot(structures, "codelists"), "codelists")
for (cl in codelists) cat("codelist:", slot(cl, "id"), length(slot(cl, "Code")), "codes\n")
indicators <- as.data.frame(slot(structures, "codelists"), codelistId = "CL_INDICATOR")
cat("CL_INDICATOR IT_PRIVATE_SHARE:", indicators[indicators$id == "IT_PRIVATE_SHARE", "label.en"], "/", indicators[indicators$id == "IT_PRIVATE_SHARE", "label.zh"], "\n")

built <- as.data.frame(readSDMX(providerId = "QI", resource = "data", flowRef = "CN_SAMR,QI_NATIONAL,1.0", key = "all", start = 2022, end = 2023))
direct <- as.data.frame(readSDMX(paste0(base, "/api/sdmx/data/CN_SAMR,QI_NATIONAL,1.0/CN.STD_SOCIAL_ORG+STD_SOCIAL_ORG_YOY+IT_PRIVATE_SHARE?startPeriod=2023&endPeriod=2023")))
cat("observations:", nrow(built), "(2022-2023, all);", nrow(direct), "(2023, three indicators)\n")

value <- function(d, indicator, period) as.numeric(d[d$INDICATOR == indicator & d$TIME_PERIOD == period, "OBS_VALUE"])
stopifnot(
  identical(flows$id, "QI_NATIONAL"),
  value(built, "STD_SOCIAL_ORG", "2023") == 74240,
  round(value(built, "STD_SOCIAL_ORG_YOY", "2023"), 1) == 45.3,
  round(value(direct, "IT_PRIVATE_SHARE", "2023"), 2) == 63.47,
  value(direct, "STD_SOCIAL_ORG", "2023") == value(built, "STD_SOCIAL_ORG", "2023"))
cat("briefing figures: STD_SOCIAL_ORG 2023 =", value(built, "STD_SOCIAL_ORG", "2023"),
    "| growth", round(value(built, "STD_SOCIAL_ORG_YOY", "2023"), 1), "% | IT_PRIVATE_SHARE", round(value(direct, "IT_PRIVATE_SHARE", "2023"), 2), "%\n")
cat("--- data\n")
write.csv(built[, c("TIME_PERIOD", "INDICATOR", "UNIT_MEASURE", "OBS_VALUE", "OBS_STATUS")], stdout(), row.names = FALSE, quote = FALSE)
