#!/bin/sh
# azd postdeploy hook: the second deployment stage. Subscribes the blob trigger IngestUpload to the
# storage account's Event Grid system topic (infra/eventgrid.bicep). It runs after `azd deploy` because
# the webhook needs the host's blobs_extension system key, which the host creates when it first starts
# with the deployed code. azd passes main.bicep's outputs as environment variables.
set -eu

: "${AZURE_RESOURCE_GROUP:?run through azd, or export the outputs of main.bicep (azd env get-values)}"
: "${AZURE_FUNCTION_APP_NAME:?}"
: "${AZURE_STORAGE_ACCOUNT_NAME:?}"
: "${AZURE_EVENTGRID_SYSTEM_TOPIC_NAME:?}"

infra_dir=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
attempts=${QI_KEY_ATTEMPTS:-20}

host=$(az functionapp show \
  --name "$AZURE_FUNCTION_APP_NAME" \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --query defaultHostName \
  --output tsv)

key=''
attempt=1
while [ "$attempt" -le "$attempts" ]; do
  key=$(az functionapp keys list \
    --name "$AZURE_FUNCTION_APP_NAME" \
    --resource-group "$AZURE_RESOURCE_GROUP" \
    --query systemKeys.blobs_extension \
    --output tsv 2>/dev/null || true)
  [ -n "$key" ] && break
  echo "postdeploy: no blobs_extension key yet (attempt $attempt of $attempts); waiting for the host to start" >&2
  # A request wakes a Flex Consumption host that has scaled to zero; the host then creates the key.
  curl --silent --output /dev/null --max-time 30 "https://$host/" || true
  sleep 15
  attempt=$((attempt + 1))
done

if [ -z "$key" ]; then
  echo "postdeploy: $AZURE_FUNCTION_APP_NAME has no blobs_extension system key. Is IngestUpload deployed with an Event Grid blob trigger? Rerun with: azd hooks run postdeploy" >&2
  exit 1
fi

# The key goes to ARM in a private parameters file, never on a command line that `ps` can show.
umask 077
params=$(mktemp)
trap 'rm -f "$params"' EXIT
cat >"$params" <<JSON
{
  "\$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "functionAppName": { "value": "$AZURE_FUNCTION_APP_NAME" },
    "blobsExtensionKey": { "value": "$key" },
    "storageAccountName": { "value": "$AZURE_STORAGE_ACCOUNT_NAME" },
    "systemTopicName": { "value": "$AZURE_EVENTGRID_SYSTEM_TOPIC_NAME" }
  }
}
JSON

az deployment group create \
  --name qiingest-eventgrid \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --template-file "$infra_dir/eventgrid.bicep" \
  --parameters "@$params" \
  --output none

echo "postdeploy: Event Grid delivers BlobCreated under uploads/ to $AZURE_FUNCTION_APP_NAME (IngestUpload)."
