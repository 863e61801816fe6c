// The alerts that page an operator when an upload is stranded or the pipeline stops, and the action
// group that e-mails them. What each alert means and what to do: docs/deployment.md, "Alerts".

param location string
param tags object
param actionGroupName string
@description('Suffix of the alert rule names (the deployment\'s resource token).')
param nameSuffix string
@description('Where the alerts are e-mailed.')
param alertEmail string
param storageAccountName string
param logAnalyticsName string
param appInsightsName string
param systemTopicName string

@description('The queue the blobs extension moves a blob\'s trigger message to after its last retry.')
var poisonQueue = 'webjobs-blobtrigger-poison'

@description('The histogram the rollup records on every run, changed or not (src/QiIngest.Storage/Telemetry).')
var rollupRunMetric = 'qi.rollup.duration'

@description('The timer runs daily; 26 hours leaves two hours for a late or slow run before anyone is paged.')
var rollupSilence = '26h'

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName

  resource queueService 'queueServices' existing = {
    name: 'default'
  }
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-07-01' existing = {
  name: logAnalyticsName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'qiingest'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// Queue writes only (the poison queue is written, never polled by us): the poison alert reads them.
resource queueWrites 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'queue-writes'
  scope: storage::queueService
  properties: {
    workspaceId: workspace.id
    logs: [{ category: 'StorageWrite', enabled: true }]
  }
}

resource poisonMessage 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-qiingest-poison-${nameSuffix}'
  location: location
  tags: tags
  properties: {
    displayName: 'QiIngest: an upload was moved to the poison queue'
    description: 'A message was put in ${poisonQueue}: an upload failed every retry and has no receipt. See docs/deployment.md, Alerts.'
    severity: 1
    enabled: true
    scopes: [workspace.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      allOf: [
        {
          query: 'StorageQueueLogs | where AccountName == "${storageAccountName}" and OperationName == "PutMessage" and ObjectKey contains "/${poisonQueue}"'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    autoMitigate: false
    actions: { actionGroups: [actionGroup.id] }
  }
  dependsOn: [queueWrites]
}

// Event Grid writes a blob to eventgrid-deadletter exactly when it dead-letters an event.
resource deadLetter 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-qiingest-deadletter-${nameSuffix}'
  location: 'global'
  tags: tags
  properties: {
    description: 'Event Grid dead-lettered a BlobCreated event: a blob is in eventgrid-deadletter and its upload was never ingested. See docs/deployment.md, Alerts.'
    severity: 1
    enabled: true
    scopes: [topic.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'dead-lettered'
          metricNamespace: 'Microsoft.EventGrid/systemTopics'
          metricName: 'DeadLetteredCount'
          timeAggregation: 'Total'
          operator: 'GreaterThan'
          threshold: 0
        }
      ]
    }
    autoMitigate: false
    actions: [{ actionGroupId: actionGroup.id }]
  }
}

resource failedExecutions 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-qiingest-failures-${nameSuffix}'
  location: location
  tags: tags
  properties: {
    displayName: 'QiIngest: a function execution failed'
    description: 'IngestUpload or NationalRollup threw (a storage fault; bad input never throws). The host retries. See docs/deployment.md, Alerts.'
    severity: 2
    enabled: true
    scopes: [appInsights.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      allOf: [
        {
          query: 'requests | where success == false | project timestamp, operation_Name, resultCode, operation_Id'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    autoMitigate: true
    actions: { actionGroups: [actionGroup.id] }
  }
}

// The query looks back further than its window, so the window only sets how often a silence is re-checked.
resource rollupSilent 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-qiingest-rollup-${nameSuffix}'
  location: location
  tags: tags
  properties: {
    displayName: 'QiIngest: no rollup in ${rollupSilence}'
    description: 'NationalRollup has not run for ${rollupSilence}: the timer stopped, or every run failed. See docs/deployment.md, Alerts.'
    severity: 2
    enabled: true
    scopes: [appInsights.id]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT1H'
    overrideQueryTimeRange: 'P2D'
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where timestamp > ago(${rollupSilence}) and name == "${rollupRunMetric}" | summarize runs = sum(valueCount) | where isnull(runs) or runs == 0'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    autoMitigate: true
    actions: { actionGroups: [actionGroup.id] }
  }
}

output actionGroupId string = actionGroup.id
