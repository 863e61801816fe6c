// Optional, once per reporter (docs/deployment.md): lets one principal write returns under
// uploads/{reporterCode}/ and read its own uploads and receipts, nothing else. The custom reporter role
// (main.bicep) has only blob read, write and create; the ABAC condition (reporter-condition.txt) narrows
// them to the reporter's prefix. Works without hierarchical namespace. The pipeline still checks that
// the path and the content name the same reporter.

import { reporterRoleDefinitionName } from 'naming.bicep'

@description('Name of the data storage account (AZURE_STORAGE_ACCOUNT_NAME).')
param storageAccountName string

@description('Object id of the reporter\'s Entra ID principal (a service principal or a group).')
param principalId string

@allowed(['ServicePrincipal', 'Group', 'User'])
param principalType string = 'ServicePrincipal'

@description('Reporter code of section 1 of the reporting form: a province, or 100000 for the national administration.')
@allowed([
  '100000'
  '110000'
  '120000'
  '130000'
  '140000'
  '150000'
  '210000'
  '220000'
  '230000'
  '310000'
  '320000'
  '330000'
  '340000'
  '350000'
  '360000'
  '370000'
  '410000'
  '420000'
  '430000'
  '440000'
  '450000'
  '460000'
  '500000'
  '510000'
  '520000'
  '530000'
  '540000'
  '610000'
  '620000'
  '630000'
  '640000'
  '650000'
])
param reporterCode string

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

var roleDefinitionId = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  reporterRoleDefinitionName(subscription().id, resourceGroup().id)
)

resource reporterAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, principalId, roleDefinitionId, reporterCode)
  scope: storage
  properties: {
    roleDefinitionId: roleDefinitionId
    principalId: principalId
    principalType: principalType
    description: 'QiIngest reporter ${reporterCode}: uploads/${reporterCode}/ write, uploads/ and receipts/ read of its own prefix.'
    condition: replace(loadTextContent('reporter-condition.txt'), '{reporter}', reporterCode)
    conditionVersion: '2.0'
  }
}

output roleAssignmentId string = reporterAccess.id
