// Second stage, run by hooks/postdeploy.sh after `azd deploy`: subscribes the app's Event Grid blob
// trigger (function IngestUpload) to blobs created under uploads/. The webhook needs the host's
// blobs_extension system key, which exists only once the code is deployed and the host has started.

@description('Name of the Functions app (AZURE_FUNCTION_APP_NAME).')
param functionAppName string

@secure()
@description('The app\'s blobs_extension system key: az functionapp keys list --query systemKeys.blobs_extension.')
param blobsExtensionKey string

@description('Name of the data storage account (AZURE_STORAGE_ACCOUNT_NAME).')
param storageAccountName string

@description('Name of the storage account\'s Event Grid system topic (AZURE_EVENTGRID_SYSTEM_TOPIC_NAME).')
param systemTopicName string

@minValue(1)
@maxValue(30)
@description('Deliveries of one event before it is dead-lettered.')
param maxDeliveryAttempts int = 30

@minValue(1)
@maxValue(1440)
@description('Minutes an undelivered event is retried before it is dead-lettered.')
param eventTimeToLiveInMinutes int = 1440

resource app 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource ingestUpload 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: 'ingest-upload'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${app.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.IngestUpload&code=${blobsExtensionKey}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: ['Microsoft.Storage.BlobCreated']
      subjectBeginsWith: '/blobServices/default/containers/uploads/'
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: {
      maxDeliveryAttempts: maxDeliveryAttempts
      eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
    }
    deadLetterWithResourceIdentity: {
      identity: { type: 'SystemAssigned' }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storage.id
          blobContainerName: 'eventgrid-deadletter'
        }
      }
    }
  }
}

output subscriptionName string = ingestUpload.name
